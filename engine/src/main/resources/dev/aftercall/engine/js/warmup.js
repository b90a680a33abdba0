// Runs the libraries' common paths once per context, in the background: moment initialises its locale and
// format caches lazily, GraalJS some built-ins per realm, and a function's run should not pay for either.
// Only library-internal caches are left behind, in a context that serves a single run.
(function () {
    'use strict';
    const m = moment.tz('2024-01-15T10:00:00', 'UTC');
    m.clone().add(90, 'minutes').format('YYYY-MM-DDTHH:mm:ss');
    m.toISOString();
    moment().format();
    moment.utc().diff(m, 'minutes');
    m.clone().startOf('day').isBefore(moment());
    moment('2024-01-15', 'YYYY-MM-DD').isValid();
    _.uniq([1, 1, 2]);
    _.get({ a: { b: 1 } }, 'a.b');
    _.pick({ a: 1, b: 2 }, ['a']);
    _.groupBy([1, 2, 3], (x) => x % 2);
    _.sumBy([{ v: 1 }], 'v');
    _.cloneDeep({ a: [1, { b: 2 }] });
    _.isEmpty({});
    const view = new Proxy({}, {});
    Reflect.get(view, 'a');
    new WeakMap().set({}, 1);
    JSON.stringify(JSON.parse('{"a":[1,"x",true,null,{"b":1.5}]}'));
    new Date().toISOString();
    Promise.resolve().then(() => 1);
})();
