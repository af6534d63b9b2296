package io.lingqian.care;

import java.util.List;

/** One page of a merchant's complaints or of a complaint's history, with the total across pages. */
public record ComplaintPage<T>(List<T> data, int limit, int offset, long totalCount) {

    public ComplaintPage {
        data = List.copyOf(data);
    }
}
