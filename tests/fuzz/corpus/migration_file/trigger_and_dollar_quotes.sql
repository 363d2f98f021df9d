-- orm migration 20260101000000_fuzz (postgres)
-- orm:no-transaction

-- orm:up

-- + function touch
CREATE FUNCTION touch() RETURNS trigger AS $body$ BEGIN NEW.t := now(); RETURN NEW; END; $body$ LANGUAGE plpgsql;
CREATE TRIGGER tr BEFORE UPDATE ON t FOR EACH ROW BEGIN
  UPDATE t SET n = CASE WHEN 1 THEN 2 ELSE 3 END;
  IF x THEN SELECT 1; END IF;
END;

-- orm:irreversible drops data
DROP TABLE "a;b"; /* ; */ SELECT 'it''s;', `x;y`, $$;$$, $1;

-- orm:down

-- revert: + function touch
DROP TRIGGER tr;
DROP FUNCTION touch();
