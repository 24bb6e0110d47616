package io.liveloop.livestream.repository;

import io.liveloop.livestream.domain.LiveSession;
import io.liveloop.livestream.domain.SessionStatus;
import io.liveloop.platform.api.PageRequest;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class SessionRepository implements PanacheRepositoryBase<LiveSession, UUID> {

    public Optional<LiveSession> liveInRoom(UUID roomId) {
        return find("roomId = ?1 and status = ?2", roomId, SessionStatus.LIVE).firstResultOptional();
    }

    /** Live first by latest start; otherwise newest first. */
    public List<LiveSession> byStatus(SessionStatus status, PageRequest page) {
        return getEntityManager().createQuery("""
                        from LiveSession s where s.status = :status
                        order by s.startedAt desc nulls last, s.createdAt desc, s.id desc""", LiveSession.class)
                .setParameter("status", status)
                .setFirstResult(page.offset()).setMaxResults(page.fetchSize()).getResultList();
    }

    public List<LiveSession> byRoom(UUID roomId, PageRequest page) {
        return getEntityManager().createQuery("""
                        from LiveSession s where s.roomId = :room order by s.createdAt desc, s.id desc""", LiveSession.class)
                .setParameter("room", roomId)
                .setFirstResult(page.offset()).setMaxResults(page.fetchSize()).getResultList();
    }

    /** Ids of the sessions not ended whose bag holds the product. */
    public List<UUID> openWithPinned(UUID productId) {
        return getEntityManager().createQuery("""
                        select distinct s.id from LiveSession s join Pin p on p.session = s
                        where p.productId = :product and s.status <> :ended""", UUID.class)
                .setParameter("product", productId)
                .setParameter("ended", SessionStatus.ENDED)
                .getResultList();
    }

    /**
     * The session with its row locked until commit: changes of one session (its state, its bag) take turns, so two
     * pins at once cannot both take the last position and an unpin cannot race a move.
     */
    public Optional<LiveSession> lockedForChange(UUID sessionId) {
        return findByIdOptional(sessionId, LockModeType.PESSIMISTIC_WRITE);
    }
}
