//! People: the guardian, children, classmates, teachers, school contacts.

use skolbryggan::model as m;

use super::SchoolPlatform;

/// The logged-in guardian on one platform account.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct User {
    /// Stable id.
    pub id: String,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// E-mail address, if the platform has one.
    pub email: Option<String>,
    /// The personal number masked (`19121212-****`), for display; never the full number.
    pub personal_number_masked: Option<String>,
}

impl From<&m::User> for User {
    fn from(u: &m::User) -> Self {
        User {
            id: u.id.to_string(),
            first_name: u.first_name.clone(),
            last_name: u.last_name.clone(),
            email: u.email.clone(),
            personal_number_masked: u.personal_number.as_ref().map(m::PersonalNumber::masked),
        }
    }
}

/// A Swedish school form.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
#[uniffi::export(Debug)]
pub enum SchoolForm {
    /// Förskola (pre-school).
    Forskola,
    /// Förskoleklass.
    Forskoleklass,
    /// Grundskola (years 1–9).
    Grundskola,
    /// Fritidshem (after-school care).
    Fritidshem,
    /// Anpassad grundskola.
    AnpassadGrundskola,
    /// Gymnasieskola.
    Gymnasieskola,
    /// A form this version does not know.
    Other {
        /// The code as sent.
        code: String,
    },
}

impl From<&m::SchoolForm> for SchoolForm {
    fn from(f: &m::SchoolForm) -> Self {
        match f {
            m::SchoolForm::Forskola => SchoolForm::Forskola,
            m::SchoolForm::Forskoleklass => SchoolForm::Forskoleklass,
            m::SchoolForm::Grundskola => SchoolForm::Grundskola,
            m::SchoolForm::Fritidshem => SchoolForm::Fritidshem,
            m::SchoolForm::AnpassadGrundskola => SchoolForm::AnpassadGrundskola,
            m::SchoolForm::Gymnasieskola => SchoolForm::Gymnasieskola,
            m::SchoolForm::Other(code) => SchoolForm::Other { code: code.clone() },
        }
    }
}

/// A child of the guardian.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct Child {
    /// Stable id; pass it to the per-child reads.
    pub id: String,
    /// The platform the child's school uses.
    pub platform: SchoolPlatform,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// School forms attended.
    pub school_forms: Vec<SchoolForm>,
    /// School name.
    pub school_name: Option<String>,
    /// Class or group ("3B").
    pub class_name: Option<String>,
    /// School year (0 = förskoleklass), none for pre-school.
    pub school_year: Option<u8>,
}

impl TryFrom<&m::Child> for Child {
    type Error = crate::error::SkolbrygganError;

    /// Fails only for a platform these bindings do not name ([`SchoolPlatform::try_from`]).
    fn try_from(c: &m::Child) -> crate::error::FfiResult<Self> {
        Ok(Child {
            id: c.id.to_string(),
            platform: c.platform.try_into()?,
            first_name: c.first_name.clone(),
            last_name: c.last_name.clone(),
            school_forms: c.school_forms.iter().map(SchoolForm::from).collect(),
            school_name: c.school.as_ref().map(|s| s.name.clone()),
            class_name: c.class_name.clone(),
            school_year: c.school_year,
        })
    }
}

/// A guardian of a classmate.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct Guardian {
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// E-mail.
    pub email: Option<String>,
    /// Mobile phone.
    pub mobile: Option<String>,
    /// Postal address.
    pub address: Option<String>,
}

/// A classmate with guardians.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct Classmate {
    /// Stable id.
    pub id: String,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Class name.
    pub class_name: Option<String>,
    /// Guardians.
    pub guardians: Vec<Guardian>,
}

impl From<&m::Classmate> for Classmate {
    fn from(c: &m::Classmate) -> Self {
        Classmate {
            id: c.id.to_string(),
            first_name: c.first_name.clone(),
            last_name: c.last_name.clone(),
            class_name: c.class_name.clone(),
            guardians: c
                .guardians
                .iter()
                .map(|g| Guardian {
                    first_name: g.first_name.clone(),
                    last_name: g.last_name.clone(),
                    email: g.email.clone(),
                    mobile: g.mobile.clone(),
                    address: g.address.clone(),
                })
                .collect(),
        }
    }
}

/// A teacher of the child.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct Teacher {
    /// Stable id.
    pub id: String,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// E-mail.
    pub email: Option<String>,
    /// Work phone.
    pub phone: Option<String>,
    /// Timetable initials ("KUR").
    pub abbreviation: String,
}

impl From<&m::Teacher> for Teacher {
    fn from(t: &m::Teacher) -> Self {
        Teacher {
            id: t.id.to_string(),
            first_name: t.first_name.clone(),
            last_name: t.last_name.clone(),
            email: t.email.clone(),
            phone: t.phone.clone(),
            abbreviation: t.timetable_abbreviation.clone(),
        }
    }
}

/// A contact at the child's school (office, principal).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct SchoolContact {
    /// Stable id.
    pub id: String,
    /// Role ("Rektor").
    pub title: Option<String>,
    /// Name.
    pub name: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// School name.
    pub school_name: Option<String>,
}

impl From<&m::SchoolContact> for SchoolContact {
    fn from(c: &m::SchoolContact) -> Self {
        SchoolContact {
            id: c.id.to_string(),
            title: c.title.clone(),
            name: c.name.clone(),
            phone: c.phone.clone(),
            email: c.email.clone(),
            school_name: c.school_name.clone(),
        }
    }
}
