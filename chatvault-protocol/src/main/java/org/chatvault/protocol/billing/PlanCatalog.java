package org.chatvault.protocol.billing;

import java.util.List;

/**
 * The answer to {@code GET /v1/plans}: the current catalog version, its plans and what each store
 * product costs. A subscription bought under an older version keeps that version's terms.
 */
public record PlanCatalog(int version, List<PlanInfo> plans, List<PriceInfo> prices) {}
