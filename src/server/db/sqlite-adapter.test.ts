import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openSqlite } from './sqlite-adapter.ts';

describe('node:sqlite adapter', () => {
  const open = (statementCacheSize?: number) => {
    const db = openSqlite(':memory:', statementCacheSize === undefined ? {} : { statementCacheSize });
    db.raw.exec('create table t (id integer primary key, name text, flag integer)');
    return db;
  };

  it('binds booleans as 0 and 1, and answers a kept statement with each call’s own parameters', () => {
    const db = open();
    const insert = db.prepare('insert into t (id, name, flag) values (?, ?, ?)');
    assert.equal(insert.reader, false);
    insert.run([1, 'one', true]);
    db.prepare('insert into t (id, name, flag) values (?, ?, ?)').run([2, 'two', false]);
    const select = 'select name, flag from t where id = ?';
    assert.equal(db.prepare(select).reader, true);
    assert.deepEqual({ ...(db.prepare(select).all([1])[0] as object) }, { name: 'one', flag: 1 });
    assert.deepEqual({ ...(db.prepare(select).all([2])[0] as object) }, { name: 'two', flag: 0 });
    db.close();
  });

  it('keeps answering correctly past the cache’s size, and after the schema changes', () => {
    const db = open();
    db.prepare('insert into t (id, name) values (?, ?)').run([1, 'one']);
    for (let i = 0; i < 1_500; i++) {
      const rows = db.prepare(`select id + ${i} as n from t where id = ?`).all([1]);
      assert.equal((rows[0] as { n: number }).n, 1 + i);
    }
    const star = 'select * from t';
    assert.deepEqual(Object.keys(db.prepare(star).all([])[0] as object), ['id', 'name', 'flag']);
    db.raw.exec('alter table t add column extra text');
    assert.deepEqual(Object.keys(db.prepare(star).all([])[0] as object), ['id', 'name', 'flag', 'extra']);
    db.close();
  });

  it('iterates on a statement of its own, so a half-read iteration is untouched by other calls', () => {
    const db = open();
    for (let id = 1; id <= 3; id++) db.prepare('insert into t (id, name) values (?, ?)').run([id, `n${id}`]);
    const sql = 'select id from t where id >= ? order by id';
    const rows = db.prepare(sql).iterate([1]);
    assert.equal((rows.next().value as { id: number }).id, 1);
    assert.deepEqual(
      db
        .prepare(sql)
        .all([3])
        .map((r) => (r as { id: number }).id),
      [3],
    );
    assert.deepEqual(
      [...rows].map((r) => (r as { id: number }).id),
      [2, 3],
    );
    db.close();
  });

  it('prepares every statement afresh when the cache is off', () => {
    const db = open(0);
    const insert = 'insert into t (id, name) values (?, ?)';
    db.prepare(insert).run([1, 'one']);
    db.prepare(insert).run([2, 'two']);
    assert.equal(db.prepare('select count(*) as n from t').all([]).length, 1);
    assert.equal((db.prepare('select count(*) as n from t').all([])[0] as { n: number }).n, 2);
    db.close();
  });
});
