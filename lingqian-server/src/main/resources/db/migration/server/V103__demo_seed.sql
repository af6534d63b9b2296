-- Marks a database that has been seeded with the demo environment. Owned by io.lingqian.demo.
-- At most one row: the fixed id makes a second, concurrent seeding fail on the primary key.

CREATE TABLE demo_seed (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    seeded_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
