/**
 * Direct receipts: JWS signed by the operator's own billing system (web sales, promotions, tests),
 * verified with its public key and redeemed like any store purchase.
 */
package org.chatvault.server.billing.direct;
