import GRDB

/// The studio's tables. Items keep their dataset id (`key`) beside an internal row id; labels are
/// the current answer of each (item, user), and `label_events` keeps every submission and
/// withdrawal (the history, and the per-guideline-version figures).
enum StudioSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
            CREATE TABLE users (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                role TEXT NOT NULL CHECK (role IN ('admin', 'annotator', 'reviewer')),
                password TEXT,
                created_at REAL NOT NULL
            );
            CREATE TABLE sessions (
                token_hash TEXT PRIMARY KEY,
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                csrf TEXT NOT NULL,
                created_at REAL NOT NULL,
                expires_at REAL NOT NULL
            );
            CREATE TABLE projects (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                spec TEXT NOT NULL,
                text_field TEXT,
                source TEXT NOT NULL,
                phase TEXT NOT NULL CHECK (phase IN ('pilot', 'scale')),
                pilot_round INTEGER NOT NULL DEFAULT 0,
                overlap REAL NOT NULL DEFAULT 0,
                gold_rate REAL NOT NULL DEFAULT 0.1,
                seed INTEGER NOT NULL,
                created_at REAL NOT NULL
            );
            CREATE TABLE guidelines (
                project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
                version INTEGER NOT NULL,
                markdown TEXT NOT NULL,
                created_at REAL NOT NULL,
                created_by TEXT,
                PRIMARY KEY (project_id, version)
            );
            CREATE TABLE items (
                id INTEGER PRIMARY KEY,
                project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
                key TEXT NOT NULL,
                position INTEGER NOT NULL,
                pool TEXT NOT NULL CHECK (pool IN ('data', 'pilot', 'gold')),
                text TEXT NOT NULL,
                turns TEXT,
                fields TEXT NOT NULL,
                gold_label TEXT,
                target INTEGER NOT NULL,
                needed INTEGER NOT NULL,
                UNIQUE (project_id, key)
            );
            CREATE INDEX items_open ON items (project_id, pool, position) WHERE needed > 0;
            CREATE TABLE pilot_members (
                project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
                user_id INTEGER NOT NULL REFERENCES users(id),
                PRIMARY KEY (project_id, user_id)
            );
            CREATE TABLE assignments (
                project_id INTEGER NOT NULL,
                user_id INTEGER NOT NULL,
                round INTEGER NOT NULL,
                item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                done INTEGER NOT NULL DEFAULT 0,
                created_at REAL NOT NULL,
                PRIMARY KEY (project_id, user_id, round, item_id)
            ) WITHOUT ROWID;
            CREATE INDEX assignments_open ON assignments (project_id, user_id, round, done, position);
            CREATE INDEX assignments_item ON assignments (item_id, user_id);
            CREATE TABLE labels (
                project_id INTEGER NOT NULL,
                item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
                user_id INTEGER NOT NULL REFERENCES users(id),
                value TEXT NOT NULL,
                note TEXT,
                edit TEXT,
                guideline_version INTEGER NOT NULL,
                round INTEGER NOT NULL,
                created_at REAL NOT NULL,
                event_id INTEGER NOT NULL,
                PRIMARY KEY (project_id, item_id, user_id)
            ) WITHOUT ROWID;
            CREATE INDEX labels_user ON labels (project_id, user_id, created_at);
            CREATE TABLE label_events (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                project_id INTEGER NOT NULL,
                item_id INTEGER NOT NULL,
                user_id INTEGER NOT NULL,
                value TEXT,
                note TEXT,
                edit TEXT,
                guideline_version INTEGER NOT NULL,
                round INTEGER NOT NULL,
                created_at REAL NOT NULL
            );
            CREATE INDEX label_events_project ON label_events (project_id, guideline_version);
            CREATE TABLE import_rejects (
                project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
                file TEXT NOT NULL,
                line INTEGER NOT NULL,
                reason TEXT NOT NULL,
                raw TEXT NOT NULL
            );
            """)
        }
        return migrator
    }
}
