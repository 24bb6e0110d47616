package io.liveloop.livestream.service;

import io.liveloop.livestream.feed.FeedNotice;
import io.liveloop.livestream.feed.FeedNotices;
import io.liveloop.livestream.repository.SessionRepository;
import io.liveloop.livestream.repository.StockRepository;
import io.liveloop.livestream.rest.dto.SessionDtos.StockData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Stock left of the SKUs pinned here, as catalog reports it (catalog.stock.v1), and the viewers' {@code stock}
 * events. A report is a level with a version (catalog's count of the SKU's stock changes), not a change: it is kept
 * only if newer than the level kept, so a redelivered or replayed report changes nothing and needs no inbox row.
 */
@ApplicationScoped
public class StockService {

    /** One {@code liveloop.stock.changed}. */
    public record Report(UUID skuId, UUID productId, int available, long version) {
    }

    private final StockRepository stock;
    private final SessionRepository sessions;
    private final FeedNotices feed;
    private final Clock clock;

    public StockService(StockRepository stock, SessionRepository sessions, FeedNotices feed, Clock clock) {
        this.stock = stock;
        this.sessions = sessions;
        this.feed = feed;
        this.clock = clock;
    }

    /**
     * Keeps the newest of these reports per SKU, for the SKUs tracked here (ever pinned), in one statement; the
     * open sessions holding a SKU whose level changed show it after the commit. Reports of SKUs never pinned here
     * (most of them in a big sale of other hosts' products) write nothing.
     */
    @Transactional
    public void reported(Collection<Report> reports) {
        Map<UUID, Report> newest = new HashMap<>();
        reports.forEach(r -> newest.merge(r.skuId(), r, (a, b) -> a.version() >= b.version() ? a : b));
        if (newest.isEmpty()) {
            return;
        }
        List<UUID> changed = stock.keepNewer(newest.values().stream()
                .map(r -> new StockRepository.Reported(r.skuId(), r.available(), r.version())).toList(), clock.instant());
        for (UUID skuId : changed) {
            Report report = newest.get(skuId);
            for (UUID sessionId : sessions.openWithPinned(report.productId())) {
                feed.raise(new FeedNotice(sessionId, FeedNotice.STOCK,
                        new StockData(skuId, report.productId(), report.available())));
            }
        }
    }
}
