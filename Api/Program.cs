using SampleMind.Api;

var builder = WebApplication.CreateBuilder(args);
builder.AddSampleMindApi();

var app = builder.Build();
app.MapSampleMindApi();
app.Run();

/// <summary>The API host's entry point (public for WebApplicationFactory in tests).</summary>
public partial class Program;
