select 1;
-- orm:up
