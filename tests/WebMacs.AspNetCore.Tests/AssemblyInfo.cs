using WebMacs.Testing.Postgres;

// One real PostgreSQL server for the whole test run; each test class gets its own database (see WebMacsHosts).
[assembly: AssemblyFixture(typeof(PostgresServer))]
