// BankID's animated QR code, rendered from the core's payload with CoreImage.

import CoreImage
import CoreImage.CIFilterBuiltins
import SwiftUI
import UIKit

enum QRCodeImage {
    private static let context = CIContext()

    /// The payload as a crisp QR image (nil for an empty payload).
    static func make(_ payload: String) -> UIImage? {
        guard !payload.isEmpty else { return nil }
        let filter = CIFilter.qrCodeGenerator()
        filter.message = Data(payload.utf8)
        filter.correctionLevel = "L"
        guard let output = filter.outputImage?.transformed(by: CGAffineTransform(scaleX: 10, y: 10)),
              let cg = context.createCGImage(output, from: output.extent) else { return nil }
        return UIImage(cgImage: cg)
    }
}

/// The QR view: redrawn for every new payload, one image, one accessibility label.
struct QRCodeView: View {
    let payload: String

    var body: some View {
        Group {
            if let image = QRCodeImage.make(payload) {
                Image(uiImage: image)
                    .interpolation(.none)
                    .resizable()
                    .scaledToFit()
            } else {
                ProgressView()
            }
        }
        .frame(maxWidth: 260, maxHeight: 260)
        .accessibilityElement()
        .accessibilityLabel(L10n.signinQrDescription)
        .accessibilityAddTraits(.isImage)
    }
}
