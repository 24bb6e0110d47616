package io.liveloop.catalog.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "quality_check")
public class QualityCheck {

    @Id
    private UUID id;
    @Column(name = "product_id")
    private UUID productId;
    @Enumerated(EnumType.STRING)
    private QualityStatus result;
    private String notes;
    @Column(name = "inspector_id")
    private UUID inspectorId;
    @Column(name = "checked_at")
    private Instant checkedAt;

    protected QualityCheck() {
    }

    public QualityCheck(UUID productId, QualityStatus result, String notes, UUID inspectorId, Instant now) {
        if (result == QualityStatus.PENDING) {
            throw new IllegalArgumentException("a check passes or fails");
        }
        this.id = UUID.randomUUID();
        this.productId = productId;
        this.result = result;
        this.notes = notes == null ? "" : notes;
        this.inspectorId = inspectorId;
        this.checkedAt = now;
    }

    public UUID getId() { return id; }
    public UUID getProductId() { return productId; }
    public QualityStatus getResult() { return result; }
    public String getNotes() { return notes; }
    public UUID getInspectorId() { return inspectorId; }
    public Instant getCheckedAt() { return checkedAt; }
}
