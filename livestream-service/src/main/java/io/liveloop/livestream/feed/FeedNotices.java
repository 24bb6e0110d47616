package io.liveloop.livestream.feed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.ArrayList;
import java.util.List;

/**
 * Raises {@link FeedNotice}s from use cases: they are held until the transaction commits, then sent to the room
 * feed in the order they were raised (dropped on rollback), so viewers never see a change that did not happen.
 */
@ApplicationScoped
public class FeedNotices {

    private static final Object PENDING = FeedNotices.class;

    private final TransactionSynchronizationRegistry transactions;
    private final RoomFeed feed;

    public FeedNotices(TransactionSynchronizationRegistry transactions, RoomFeed feed) {
        this.transactions = transactions;
        this.feed = feed;
    }

    public void raise(FeedNotice notice) {
        if (transactions.getTransactionKey() == null) {
            feed.publish(notice);
            return;
        }
        @SuppressWarnings("unchecked")
        List<FeedNotice> pending = (List<FeedNotice>) transactions.getResource(PENDING);
        if (pending == null) {
            List<FeedNotice> created = new ArrayList<>();
            transactions.putResource(PENDING, created);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        created.forEach(feed::publish);
                    }
                }
            });
            pending = created;
        }
        pending.add(notice);
    }
}
