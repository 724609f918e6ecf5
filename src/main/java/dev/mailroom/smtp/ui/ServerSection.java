package dev.mailroom.smtp.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import dev.mailroom.mail.ConnectionSecurity;
import dev.mailroom.mail.TlsVersion;
import dev.mailroom.smtp.CertificateSummary;
import dev.mailroom.smtp.CertificateTrust;
import dev.mailroom.smtp.ProviderPreset;
import dev.mailroom.smtp.SmtpField;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where mail goes: a provider's quick setup, host, connection security, port (the usual one follows the
 * security mode unless the admin typed another), minimum TLS version, which certificates to trust.
 *
 * <p>Public only because Binder reads its record by reflection; the page is its one user.
 */
public class ServerSection extends FormLayout {

    /** What the fields say; the port as typed, so an unreadable one can be said, not quietly read as "usual". */
    public record Fields(
            String host, String port, ConnectionSecurity security, TlsVersion minTls, CertificateTrust trust) {}

    final Select<ProviderPreset> preset = new Select<>();
    final TextField host = new TextField();
    final Select<ConnectionSecurity> security = new Select<>();
    final TextField port = new TextField();
    final Select<TlsVersion> minTls = new Select<>();
    final RadioButtonGroup<CertificateTrust> trust = new RadioButtonGroup<>();
    /** Where the certificate upload goes; built when first needed (most tenants trust the default CAs). */
    final Div caCertificateSlot = new Div();

    private final boolean virusScanConfigured;
    private @Nullable CaCertificateField caCertificate;
    private List<CertificateSummary> stored = List.of();
    private final Binder<Fields> binder = new Binder<>(Fields.class);

    ServerSection(boolean virusScanConfigured) {
        this.virusScanConfigured = virusScanConfigured;
        preset.setId("smtp-preset");
        preset.setLabel(getTranslation("smtp.field.preset"));
        preset.setItems(ProviderPreset.values());
        preset.setItemLabelGenerator(p -> getTranslation("smtp.preset." + p.name()));
        preset.setPlaceholder(getTranslation("smtp.field.preset.placeholder"));

        host.setId("smtp-host");
        host.setLabel(getTranslation("smtp.field.host"));
        host.setHelperText(getTranslation("smtp.field.host.help"));
        host.setMaxLength(253);
        host.setRequiredIndicatorVisible(true);

        security.setId("smtp-security");
        security.setLabel(getTranslation("smtp.field.security"));
        security.setItems(ConnectionSecurity.values());
        security.setItemLabelGenerator(s -> getTranslation("smtp.security." + s.name()));
        security.addValueChangeListener(e -> {
            String typed = port.getValue().strip();
            if (e.getOldValue() != null
                    && (typed.isEmpty()
                            || typed.equals(String.valueOf(e.getOldValue().defaultPort())))) {
                port.setValue(String.valueOf(e.getValue().defaultPort()));
            }
            updateVisibility();
        });

        port.setId("smtp-port");
        port.setLabel(getTranslation("smtp.field.port"));
        port.setHelperText(getTranslation("smtp.field.port.help"));

        minTls.setId("smtp-min-tls");
        minTls.setLabel(getTranslation("smtp.field.min-tls"));
        minTls.setItems(TlsVersion.values());
        minTls.setItemLabelGenerator(v -> getTranslation("smtp.tls." + v.name()));

        trust.setId("smtp-trust");
        trust.setLabel(getTranslation("smtp.field.trust"));
        trust.setItems(CertificateTrust.values());
        trust.setItemLabelGenerator(t -> getTranslation("smtp.trust." + t.name()));
        trust.addValueChangeListener(e -> updateVisibility());

        binder.forField(host).bind("host");
        binder.forField(port).bind("port");
        binder.forField(security).bind("security");
        binder.forField(minTls).bind("minTls");
        binder.forField(trust).bind("trust");

        add(preset, host, security, port, minTls, trust);
        setColspan(host, 2);
    }

    /** A preset's server part; the admin can change every field afterwards. */
    void apply(ProviderPreset p) {
        if (p.host() != null) {
            host.setValue(p.host());
        }
        if (p.security() != null) {
            security.setValue(p.security());
            port.setValue(String.valueOf(p.security().defaultPort()));
        }
    }

    void read(Fields fields) {
        binder.readRecord(fields);
        // The provider stays named after a save or a reload, as long as its server is the one set.
        ProviderPreset.forHost(fields.host()).ifPresentOrElse(preset::setValue, preset::clear);
        updateVisibility();
    }

    Fields fields() {
        return FormRecords.write(binder);
    }

    Map<SmtpField, HasValidation> validated() {
        return Map.of(
                SmtpField.HOST, host,
                SmtpField.PORT, port,
                SmtpField.SECURITY, security,
                SmtpField.CA_CERTIFICATE, new LazyValidation(this::caCertificate, () -> caCertificate));
    }

    private void updateVisibility() {
        boolean tls = security.getValue() != ConnectionSecurity.NONE;
        minTls.setVisible(tls);
        trust.setVisible(tls);
        boolean custom = tls && trust.getValue() == CertificateTrust.CUSTOM;
        if (custom) {
            caCertificate().setVisible(true);
        } else if (caCertificate != null) {
            caCertificate.setVisible(false);
        }
    }

    /** The certificate field, built on first use with what is stored. */
    CaCertificateField caCertificate() {
        if (caCertificate == null) {
            caCertificate = new CaCertificateField(virusScanConfigured);
            caCertificate.showStored(stored);
            caCertificateSlot.add(caCertificate);
        }
        return caCertificate;
    }

    /** What is stored now; shown at once if the field is built, else when it is. */
    void showStoredCertificates(List<CertificateSummary> summaries) {
        stored = summaries;
        if (caCertificate != null) {
            caCertificate.showStored(summaries);
        }
    }

    /** A newly uploaded certificate, or null (none uploaded, or the field never built). */
    @Nullable
    String uploadedPem() {
        return caCertificate == null ? null : caCertificate.uploadedPem();
    }
}
