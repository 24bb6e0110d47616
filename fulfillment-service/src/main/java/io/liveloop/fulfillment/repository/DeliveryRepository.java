package io.liveloop.fulfillment.repository;

import io.liveloop.fulfillment.domain.DeliveryStatus;
import io.liveloop.fulfillment.domain.WebhookDelivery;
import io.liveloop.platform.api.PageRequest;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class DeliveryRepository implements PanacheRepositoryBase<WebhookDelivery, UUID> {

    private static final String CLAIM_DUE = """
            with due as (
                select d.id from webhook_delivery d join partner p on p.id = d.partner_id
                where d.status = 'PENDING' and d.next_attempt_at <= ? and p.enabled
                order by d.next_attempt_at
                limit ?
                for update of d skip locked)
            update webhook_delivery d set next_attempt_at = ? from due where d.id = due.id
            returning d.id
            """;

    private final DataSource dataSource;

    public DeliveryRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Claims up to {@code limit} due deliveries of enabled partners: rows another sender holds are skipped, and the
     * claimed ones are leased until {@code leaseUntil} (their next attempt time), so a sender that dies mid-attempt
     * leaves them due again then rather than lost.
     *
     * <p>Plain JDBC on the caller's transaction (Agroal hands out the connection enlisted in it) rather than a
     * Hibernate native query: Hibernate's plan cache never found this native query again (its cache key holds the
     * query's own result mapping), so each execution added an entry under the same hash and each lookup walked
     * the entries before it. The sender claims on every wake-up; in the loop bench's profile those lookups (this
     * claim's and a second native query's, since gone) took an eighth of fulfillment's CPU.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> claimDue(Instant now, Instant leaseUntil, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement claim = connection.prepareStatement(CLAIM_DUE)) {
            claim.setObject(1, now.atOffset(ZoneOffset.UTC));
            claim.setInt(2, limit);
            claim.setObject(3, leaseUntil.atOffset(ZoneOffset.UTC));
            List<UUID> claimed = new ArrayList<>();
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    claimed.add(rows.getObject(1, UUID.class));
                }
            }
            return claimed;
        } catch (SQLException e) {
            throw new IllegalStateException("could not claim due webhook deliveries", e);
        }
    }

    /** The deliveries with these ids, in one query (an array parameter: the same statement for any number of ids). */
    public List<WebhookDelivery> byIds(List<UUID> ids) {
        return getSession().byMultipleIds(WebhookDelivery.class).multiLoad(ids);
    }

    public Optional<WebhookDelivery> lock(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public List<WebhookDelivery> forShipment(UUID shipmentId) {
        return list("shipmentId = ?1 order by createdAt", shipmentId);
    }

    public List<WebhookDelivery> list(UUID partnerId, DeliveryStatus status, PageRequest page) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (partnerId != null) {
            where.add("partnerId = :partner");
            params.and("partner", partnerId);
        }
        if (status != null) {
            where.add("status = :status");
            params.and("status", status);
        }
        String query = where.isEmpty() ? "order by createdAt desc, id desc"
                : String.join(" and ", where) + " order by createdAt desc, id desc";
        return find(query, params).range(page.offset(), page.offset() + page.fetchSize() - 1).list();
    }
}
