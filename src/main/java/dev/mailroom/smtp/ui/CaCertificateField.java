package dev.mailroom.smtp.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.customfield.CustomField;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.UploadI18N;
import dev.mailroom.smtp.CaCertificates;
import dev.mailroom.smtp.CertificateSummary;
import dev.mailroom.ui.AdminTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The custom CA certificate: upload a .pem file, see what it is (subject, issuer, validity, fingerprint).
 * The file is checked at once for a quick answer; the service checks it again on Save.
 */
class CaCertificateField extends CustomField<String> {

    static final String ID = "smtp-ca-certificate";
    private final Div summary = new Div();
    private final Upload upload = new Upload();
    private final Paragraph scanNotice = new Paragraph();
    private @Nullable String uploadedPem;

    CaCertificateField(boolean virusScanConfigured) {
        setId(ID);
        setLabel(getTranslation("smtp.field.ca-certificate"));
        setHelperText(getTranslation("smtp.field.ca-certificate.help"));
        upload.setId(ID + "-upload");
        upload.setMaxFiles(1);
        upload.setMaxFileSize(CaCertificates.MAX_BYTES);
        upload.setAcceptedFileTypes(".pem", ".crt", ".cer", "application/x-pem-file");
        upload.addFileRejectedListener(e -> showError(getTranslation("smtp.error.ca.too-large")));
        upload.setI18n(translatedTexts());
        var ui = UI.getCurrent();
        upload.setUploadHandler(new BoundedPemUpload(
                pem -> ui.access(() -> uploaded(pem)),
                () -> ui.access(() -> showError(getTranslation("smtp.error.ca.too-large")))));
        scanNotice.setText(getTranslation("smtp.upload.not-scanned"));
        scanNotice.addClassName("mailroom-hint");
        scanNotice.setVisible(!virusScanConfigured);
        summary.setId(ID + "-summary");
        add(scanNotice, upload, summary);
    }

    /** What the page shows for the certificate that is stored now. */
    void showStored(List<CertificateSummary> stored) {
        uploadedPem = null;
        upload.clearFileList();
        setInvalid(false);
        render(stored);
    }

    @Nullable
    String uploadedPem() {
        return uploadedPem;
    }

    void uploaded(String pem) {
        try {
            render(CaCertificates.summarise(pem));
            uploadedPem = pem;
            setInvalid(false);
        } catch (CaCertificates.BadCertificateException e) {
            uploadedPem = pem;
            showError(getTranslation(e.messageKey()));
        }
    }

    private void showError(String message) {
        setErrorMessage(message);
        setInvalid(true);
    }

    private void render(List<CertificateSummary> certificates) {
        summary.removeAll();
        var date = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
                .withLocale(getLocale())
                .withZone(AdminTime.zone());
        for (var c : certificates) {
            var card = new Div();
            card.addClassName("mailroom-certificate");
            card.add(
                    new Paragraph(getTranslation("smtp.certificate.subject", c.subject())),
                    new Paragraph(getTranslation("smtp.certificate.issuer", c.issuer())),
                    new Paragraph(getTranslation(
                            "smtp.certificate.valid", date.format(c.validFrom()), date.format(c.validTo()))),
                    new Paragraph(getTranslation("smtp.certificate.fingerprint", c.sha256Fingerprint())));
            summary.add(card);
        }
    }

    @Override
    protected String generateModelValue() {
        return uploadedPem == null ? "" : uploadedPem;
    }

    @Override
    protected void setPresentationValue(String value) {
        // The stored certificate is shown as a summary; only a new upload is a value.
    }

    /** Upload's own texts ("Upload File...", "Drop file here", its errors) in the page's language. */
    private UploadI18N translatedTexts() {
        var i18n = new UploadI18N();
        i18n.setAddFiles(new UploadI18N.AddFiles().setOne(getTranslation("smtp.upload.add")));
        i18n.setDropFiles(new UploadI18N.DropFiles().setOne(getTranslation("smtp.upload.drop")));
        i18n.setError(new UploadI18N.Error()
                .setTooManyFiles(getTranslation("smtp.upload.too-many"))
                .setFileIsTooBig(getTranslation("smtp.upload.too-big"))
                .setIncorrectFileType(getTranslation("smtp.upload.wrong-type")));
        i18n.setFile(new UploadI18N.File()
                .setRetry(getTranslation("smtp.upload.retry"))
                .setStart(getTranslation("smtp.upload.start"))
                .setRemove(getTranslation("smtp.upload.remove")));
        i18n.setUploading(new UploadI18N.Uploading()
                .setStatus(new UploadI18N.Uploading.Status()
                        .setConnecting(getTranslation("smtp.upload.connecting"))
                        .setStalled(getTranslation("smtp.upload.stalled"))
                        .setProcessing(getTranslation("smtp.upload.processing"))
                        .setHeld(getTranslation("smtp.upload.held")))
                .setRemainingTime(new UploadI18N.Uploading.RemainingTime()
                        .setPrefix(getTranslation("smtp.upload.remaining"))
                        .setUnknown(getTranslation("smtp.upload.remaining-unknown")))
                .setError(new UploadI18N.Uploading.Error()
                        .setServerUnavailable(getTranslation("smtp.upload.server-unavailable"))
                        .setUnexpectedServerError(getTranslation("smtp.upload.server-error"))
                        .setForbidden(getTranslation("smtp.upload.forbidden"))));
        return i18n;
    }
}
