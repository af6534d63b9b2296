package io.lingqian.payment;

import java.util.List;

/**
 * One page of a search, newest order first.
 *
 * @param page  0-based
 * @param total how many orders match, on all pages
 */
public record OrderPage(List<PaymentOrder> orders, int page, int pageSize, long total) {

    public boolean hasPrevious() {
        return page > 0;
    }

    public boolean hasNext() {
        return (long) (page + 1) * pageSize < total;
    }
}
