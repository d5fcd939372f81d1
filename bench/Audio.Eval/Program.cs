using SampleMind.Audio.Eval;

EvalOptions? options;
try
{
    options = EvalOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    options = null;
}

if (options is null)
{
    Console.Error.WriteLine(EvalOptions.Usage);
    return 2;
}

if (options.GenerateKeysTo is not null)
{
    var labels = KeyPieceGenerator.Generate(options.GenerateKeysTo, options.GenerateCount, seed: 4242);
    Console.WriteLine($"wrote {labels.Count} pieces and labels.csv to {options.GenerateKeysTo}");
    if (options.Folder is null)
    {
        return 0;
    }
}

return new EvalRunner(options).Run();
