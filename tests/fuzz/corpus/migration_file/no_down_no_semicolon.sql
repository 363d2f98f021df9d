-- orm:up
select 1