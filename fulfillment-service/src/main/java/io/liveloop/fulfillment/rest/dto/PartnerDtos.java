package io.liveloop.fulfillment.rest.dto;

import io.liveloop.fulfillment.domain.Partner;
import io.liveloop.fulfillment.domain.ShopPartner;
import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.UUID;

/** Request and response records of the partner and routing endpoints. */
public final class PartnerDtos {

    private PartnerDtos() {
    }

    public record CreatePartnerRequest(@NotBlank @Size(max = 100) String name,
                                       @NotBlank @Size(max = 2000) String webhookUrl,
                                       @JsonProperty("default") Boolean isDefault) {
    }

    /** Only what is given changes. */
    public record UpdatePartnerRequest(@JsonAlias("url") @Size(min = 1, max = 2000) String webhookUrl,
                                       @JsonProperty("default") Boolean isDefault, Boolean enabled) {
    }

    /** A partner as later reads show it: never its secret. */
    public record PartnerResponse(UUID id, String name, String webhookUrl,
                                  @JsonProperty("default") boolean isDefault, boolean enabled, String disabledReason, Instant previousSecretExpiresAt, Instant createdAt,
                                  Instant updatedAt) {
        public static PartnerResponse from(Partner p) {
            return new PartnerResponse(p.getId(), p.getName(), p.getWebhookUrl(), p.isDefault(), p.isEnabled(),
                    p.getDisabledReason(), p.getPreviousSecretExpiresAt(), p.getCreatedAt(), p.getUpdatedAt());
        }
    }

    /** The answer to creation, the one time the signing secret is shown. */
    public record CreatedPartnerResponse(UUID id, String name, String webhookUrl,
                                         @JsonProperty("default") boolean isDefault, boolean enabled, String signingSecret, Instant createdAt) {
        public static CreatedPartnerResponse from(Partner p, String signingSecret) {
            return new CreatedPartnerResponse(p.getId(), p.getName(), p.getWebhookUrl(), p.isDefault(), p.isEnabled(),
                    signingSecret, p.getCreatedAt());
        }
    }

    public record RotatedSecretResponse(UUID partnerId, String signingSecret, Instant previousSecretExpiresAt) {
    }

    public record RouteShopRequest(@NotNull UUID partnerId) {
    }

    public record ShopPartnerResponse(UUID shopId, UUID partnerId, UUID assignedBy, Instant updatedAt) {
        public static ShopPartnerResponse from(ShopPartner r) {
            return new ShopPartnerResponse(r.getShopId(), r.getPartnerId(), r.getAssignedBy(), r.getUpdatedAt());
        }
    }
}
