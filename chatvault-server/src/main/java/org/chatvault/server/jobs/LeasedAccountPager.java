package org.chatvault.server.jobs;

import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pages through accounts for a job, in ascending account id order, while holding the job's
 * lease. Paging by id visits each account at most once, so a run ends even if an account keeps
 * what the job leaves alone. Stops early, between accounts, if the thread is interrupted (the
 * server is shutting down; the next run resumes) or the lease is lost (this instance stalled
 * past its time to live and another one took over).
 */
public final class LeasedAccountPager {
    private static final Logger log = LoggerFactory.getLogger(LeasedAccountPager.class);
    static final int ACCOUNTS_PER_PAGE = 100;

    /** A page of account ids after {@code afterAccountId} (null: from the first), at most {@code limit}. */
    @FunctionalInterface
    public interface Pages {
        List<String> after(String afterAccountId, int limit);
    }

    /** When the lease is renewed: after every page, or before every account when one account can take long. */
    public enum Renewal { PER_PAGE, PER_ACCOUNT }

    private final JobLease lease;

    /** @param lease the lease to renew, or null for a dry run, which changes nothing and so takes no lease */
    public LeasedAccountPager(JobLease lease) {
        this.lease = lease;
    }

    /** @return true if every account was visited, false if interrupted or the lease was lost */
    public boolean forEachAccount(Pages pages, Renewal renewal, Consumer<String> visit) {
        String after = null;
        while (true) {
            List<String> page = pages.after(after, ACCOUNTS_PER_PAGE);
            if (page.isEmpty()) return true;
            for (String accountId : page) {
                if (Thread.currentThread().isInterrupted()) return false;
                if (renewal == Renewal.PER_ACCOUNT && !renew()) return false;
                visit.accept(accountId);
            }
            after = page.getLast();
            if (renewal == Renewal.PER_PAGE && !renew()) return false;
        }
    }

    private boolean renew() {
        if (lease == null || lease.acquire()) return true;
        log.warn("lost the {} lease mid-run; leaving the rest to its new holder", lease.job());
        return false;
    }
}
