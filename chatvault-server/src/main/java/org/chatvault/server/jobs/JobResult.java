package org.chatvault.server.jobs;

import java.util.List;

/** What one run of a job did, or with a dry run would do. */
public interface JobResult {
    /** Lines at most per-account detail a result keeps; the counts cover every account. */
    int MAX_ACCOUNT_LINES = 100;

    /** Whether this was a dry run, which changed nothing. */
    boolean dryRun();

    /** Another instance held the job's lease, so this run did nothing. */
    boolean heldElsewhere();

    /** The result in words for an operator, one line each, the totals first. */
    List<String> describe();
}
