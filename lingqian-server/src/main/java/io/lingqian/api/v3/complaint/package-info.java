/**
 * Consumer complaints 2.0 of the v3 merchant API (reference §7): list, detail, negotiation history,
 * response, complete, refund progress, and the complaint notify URL. The protocol lives here; the
 * complaints themselves in {@link io.lingqian.care.Complaints}.
 */
package io.lingqian.api.v3.complaint;
