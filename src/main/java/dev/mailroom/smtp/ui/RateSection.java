package dev.mailroom.smtp.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import dev.mailroom.smtp.ProviderPreset;
import dev.mailroom.smtp.SendingRate;
import dev.mailroom.smtp.SmtpField;
import java.util.Map;

/**
 * The provider's sending limits, both optional: mail above them waits in the queue instead of being refused. A
 * preset fills in what the provider publishes. Two plain number fields; the service checks the range.
 */
class RateSection extends FormLayout {

    final IntegerField perMinute = new IntegerField();
    final IntegerField perDay = new IntegerField();

    RateSection() {
        perMinute.setId("smtp-rate-per-minute");
        perMinute.setLabel(getTranslation("smtp.field.rate-per-minute"));
        perMinute.setHelperText(getTranslation("smtp.field.rate.help"));
        perMinute.setMin(1);
        perDay.setId("smtp-rate-per-day");
        perDay.setLabel(getTranslation("smtp.field.rate-per-day"));
        perDay.setMin(1);
        add(perMinute, perDay);
    }

    void read(SendingRate rate) {
        perMinute.setValue(rate.perMinute());
        perDay.setValue(rate.perDay());
    }

    SendingRate rate() {
        return new SendingRate(perMinute.getValue(), perDay.getValue());
    }

    /** A preset's published limits; a provider that publishes none leaves the fields as they are. */
    void apply(ProviderPreset p) {
        if (p.rate().paced()) {
            read(p.rate());
        }
    }

    Map<SmtpField, HasValidation> validated() {
        return Map.of(SmtpField.RATE_PER_MINUTE, perMinute, SmtpField.RATE_PER_DAY, perDay);
    }
}
