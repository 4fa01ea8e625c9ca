using Parley.Server.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddParley();

var app = builder.Build();
app.MapParley();
app.Run();

public partial class Program;
