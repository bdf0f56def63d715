package org.chatvault.protocol.billing;

/**
 * One plan of the catalog.
 *
 * @param id         stable name ({@code free}, {@code standard}, {@code forever})
 * @param media      whether photos, videos and files may be stored
 * @param retention  how far back history is kept, an ISO-8601 period ({@code P30D}, {@code P2Y}); null keeps everything
 * @param quotaBytes the most object bytes an account on this plan may hold
 */
public record PlanInfo(String id, String name, boolean media, String retention, long quotaBytes) {}
