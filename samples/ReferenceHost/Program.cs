using WebMacs.ReferenceHost;

// The reference host: the whole WebMacs system in one process. With no configuration it stores everything in
// ./data/webmacs.db (SQLite); DATABASE_URL=postgresql://… switches it to PostgreSQL.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.AddStartupFailureFilter();

var webmacs = builder.Services.AddWebMacs(builder.Configuration);
if (StorageSelection.UsesPostgres(builder.Configuration))
{
    webmacs.AddPostgres();
}
else
{
    webmacs.AddSqlite();
}

var app = builder.Build();
app.UseDefaultFiles();
app.UseStaticFiles();
app.MapWebMacs();
app.PrintUrlsWhenStarted();

return await app.RunOrExplainAsync();
