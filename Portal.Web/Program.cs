using Portal.Web;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddPortalWeb();
    var app = builder.Build();
    app.UsePortalWeb();
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (StartupFailure.Describe(e) is { } line)
{
    Console.Error.WriteLine(line);
    return 1;
}

public partial class Program;
