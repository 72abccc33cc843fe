// People: the signed-in guardian, the children and the people around them.

import Foundation

/// The signed-in guardian.
public struct GuardianProfile: Sendable, Hashable {
    /// First name.
    public var firstName: String
    /// Last name.
    public var lastName: String
    /// Masked personal number (`YYYYMMDD-****`), when the platform gave one.
    public var maskedPersonalNumber: String?
    /// A profile.
    public init(firstName: String, lastName: String, maskedPersonalNumber: String? = nil) {
        self.firstName = firstName
        self.lastName = lastName
        self.maskedPersonalNumber = maskedPersonalNumber
    }
    /// "First Last".
    public var fullName: String { "\(firstName) \(lastName)" }
}

/// The school forms the core reports (they gate the care tab and the home card's hours).
public enum SchoolFormKind: String, Sendable, Hashable {
    /// Pre-school.
    case preschool
    /// Pre-school class.
    case preschoolClass
    /// Compulsory school.
    case compulsory
    /// After-school care (fritids).
    case afterSchool
    /// Adapted compulsory school.
    case adapted
    /// Upper secondary.
    case upperSecondary
    /// Anything else.
    case other
}

/// A child, across platforms.
public struct ChildProfile: Sendable, Hashable, Identifiable {
    /// The core's stable id.
    public var id: String
    /// The platform the child is read from.
    public var platform: SchoolPlatformID
    /// First name.
    public var firstName: String
    /// Last name.
    public var lastName: String
    /// The school's name.
    public var schoolName: String?
    /// The class's name.
    public var className: String?
    /// The school forms.
    public var schoolForms: [SchoolFormKind]
    /// A child.
    public init(id: String, platform: SchoolPlatformID, firstName: String, lastName: String, schoolName: String?, className: String?, schoolForms: [SchoolFormKind]) {
        self.id = id
        self.platform = platform
        self.firstName = firstName
        self.lastName = lastName
        self.schoolName = schoolName
        self.className = className
        self.schoolForms = schoolForms
    }
}

/// A way to reach a person.
public enum ContactAction: Sendable, Hashable {
    /// Call the number.
    case call(String)
    /// Send a text message to the number.
    case message(String)
    /// Send an e-mail to the address.
    case mail(String)

    /// The URL iOS opens for it (`tel:`, `sms:`, `mailto:`).
    public var url: URL? {
        switch self {
        case .call(let n): return URL(string: "tel:" + n.filter { !$0.isWhitespace })
        case .message(let n): return URL(string: "sms:" + n.filter { !$0.isWhitespace })
        case .mail(let a): return URL(string: "mailto:" + a)
        }
    }
}

/// A classmate's guardian.
public struct ClassmateGuardian: Sendable, Hashable {
    /// Full name.
    public var name: String
    /// Mobile number.
    public var mobile: String?
    /// E-mail.
    public var email: String?
    /// A guardian.
    public init(name: String, mobile: String?, email: String?) {
        self.name = name
        self.mobile = mobile
        self.email = email
    }
    /// Call, message, mail — the ones this guardian can be reached by.
    public var actions: [ContactAction] {
        var out: [ContactAction] = []
        if let mobile { out += [.call(mobile), .message(mobile)] }
        if let email { out.append(.mail(email)) }
        return out
    }
}

/// A classmate with their guardians.
public struct ClassmateItem: Sendable, Hashable, Identifiable {
    /// Id.
    public var id: String
    /// Full name.
    public var name: String
    /// The guardians.
    public var guardians: [ClassmateGuardian]
    /// A classmate.
    public init(id: String, name: String, guardians: [ClassmateGuardian]) {
        self.id = id
        self.name = name
        self.guardians = guardians
    }
}

/// A teacher.
public struct TeacherItem: Sendable, Hashable, Identifiable {
    /// Id.
    public var id: String
    /// Full name.
    public var name: String
    /// E-mail.
    public var email: String?
    /// Phone.
    public var phone: String?
    /// A teacher.
    public init(id: String, name: String, email: String?, phone: String?) {
        self.id = id
        self.name = name
        self.email = email
        self.phone = phone
    }
}

/// A school contact (office, nurse, principal).
public struct ContactItem: Sendable, Hashable, Identifiable {
    /// Id.
    public var id: String
    /// Name.
    public var name: String
    /// Role as the school wrote it.
    public var role: String?
    /// E-mail.
    public var email: String?
    /// Phone.
    public var phone: String?
    /// A contact.
    public init(id: String, name: String, role: String?, email: String?, phone: String?) {
        self.id = id
        self.name = name
        self.role = role
        self.email = email
        self.phone = phone
    }
}
