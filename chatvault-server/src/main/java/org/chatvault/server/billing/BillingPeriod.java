package org.chatvault.server.billing;

import java.time.Period;

/** How long one payment buys. */
public enum BillingPeriod {
    MONTH(Period.ofMonths(1)),
    YEAR(Period.ofYears(1));

    private final Period length;

    BillingPeriod(Period length) { this.length = length; }

    public Period length() { return length; }
}
