-- orm:up
select 1 -- trailing comment
;

select 2 /* c */;
-- orm:down
