-- The local API Gateway routes requests from the API Gateway resources of deployed stacks and
-- keeps its routing table in memory. Every write to `stacks` (from any process sharing the
-- data directory) gives `gateway_generation` a new random value, so a process knows with one
-- read whether its table is stale. Random rather than counted: a reset empties this table
-- too, and a counter starting again could meet a value a process still holds.
-- engine: sqlite
CREATE TABLE gateway_generation (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL);
INSERT INTO gateway_generation(id, value) VALUES (1, random());
CREATE TRIGGER gateway_stacks_inserted AFTER INSERT ON stacks BEGIN INSERT OR REPLACE INTO gateway_generation(id, value) VALUES (1, random()); END;
CREATE TRIGGER gateway_stacks_updated AFTER UPDATE ON stacks BEGIN INSERT OR REPLACE INTO gateway_generation(id, value) VALUES (1, random()); END;
CREATE TRIGGER gateway_stacks_deleted AFTER DELETE ON stacks BEGIN INSERT OR REPLACE INTO gateway_generation(id, value) VALUES (1, random()); END;
-- engine: postgresql
CREATE TABLE gateway_generation (id BIGINT PRIMARY KEY CHECK (id = 1), value BIGINT NOT NULL);
INSERT INTO gateway_generation(id, value) VALUES (1, floor(random() * 9e15)::bigint);
CREATE FUNCTION gateway_stacks_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO gateway_generation(id, value) VALUES (1, floor(random() * 9e15)::bigint)
    ON CONFLICT (id) DO UPDATE SET value = excluded.value;
    RETURN NULL;
END $$;
CREATE TRIGGER gateway_stacks_changed AFTER INSERT OR UPDATE OR DELETE ON stacks
    FOR EACH STATEMENT EXECUTE FUNCTION gateway_stacks_changed();
-- engine: all
