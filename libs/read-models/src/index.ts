// Public surface of the read models: schema, migrations, projectors, runner, rebuild, notifier.
export {};
