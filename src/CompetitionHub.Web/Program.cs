using CompetitionHub.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddCompetitionHub();

var app = builder.Build();
await app.PrepareAsync();
app.UseCompetitionHub();
await app.RunAsync();

public partial class Program;
