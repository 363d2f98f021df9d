-- orm:up
select 'unterminated
-- orm:down
select 2;
