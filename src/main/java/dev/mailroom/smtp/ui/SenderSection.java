package dev.mailroom.smtp.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import dev.mailroom.mail.Sender;
import dev.mailroom.smtp.SmtpField;
import java.util.Map;

/** Who mail is from: a display name and an address; a pasted "Name &lt;address&gt;" is split into the two. *
 * <p>Public only because Binder reads its record by reflection.
 */
public class SenderSection extends FormLayout {

    public record Fields(String senderName, String senderAddress) {}

    final TextField senderName = new TextField();
    final TextField senderAddress = new TextField();
    private final Binder<Fields> binder = new Binder<>(Fields.class);

    SenderSection() {
        senderName.setId("smtp-sender-name");
        senderName.setLabel(getTranslation("smtp.field.sender-name"));
        senderName.setMaxLength(200);
        senderAddress.setId("smtp-sender-address");
        senderAddress.setLabel(getTranslation("smtp.field.sender-address"));
        senderAddress.setHelperText(getTranslation("smtp.field.sender-address.help"));
        senderAddress.setRequiredIndicatorVisible(true);
        senderAddress.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue().contains("<")) {
                var split = Sender.split(senderName.getValue(), e.getValue());
                if (split != null) {
                    senderName.setValue(split.name());
                    senderAddress.setValue(split.address());
                }
            }
        });
        binder.forField(senderName).bind("senderName");
        binder.forField(senderAddress).bind("senderAddress");
        add(senderName, senderAddress);
    }

    void read(Fields fields) {
        binder.readRecord(fields);
    }

    Fields fields() {
        return FormRecords.write(binder);
    }

    Map<SmtpField, HasValidation> validated() {
        return Map.of(SmtpField.SENDER_NAME, senderName, SmtpField.SENDER_ADDRESS, senderAddress);
    }
}
