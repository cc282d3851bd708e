using WebMacs.Testing.Postgres;

[assembly: AssemblyFixture(typeof(PostgresServer))]
