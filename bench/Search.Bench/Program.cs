using SampleMind.Search.Bench;

var arguments = BenchArguments.Parse(args);
IndexBenchmark.Run(arguments, Console.Out);
