/** Plans, prices and subscriptions on the wire (issue 11). */
package org.chatvault.protocol.billing;
