-- orm:up
CREATE TABLE t (id int);

-- orm:down
DROP TABLE t;
