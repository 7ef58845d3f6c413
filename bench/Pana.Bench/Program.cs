using Pana.Bench;
using Pana.Bench.Scale;

// The benchmarks of the matching and scale issue; each command measures one thing and writes its own section of docs/benchmarks.md.
var command = args.FirstOrDefault() ?? "help";
switch (command)
{
    case "quality":
        return Quality.Run(args[1..]);
    case "scale":
        return await ScaleBenchmarks.RunAsync(args);
    default:
        Console.WriteLine("""
            Pana benchmarks. Run from the repository root:
              dotnet run -c Release --project bench/Pana.Bench -- quality [--people 5000] [--seed N] [--examples 20] [--no-larger] [--no-write]
                matching quality on the generated evaluation set (precision, recall, F1, blocking) and comparison speed
              dotnet run -c Release --project bench/Pana.Bench -- scale --db sqlite|postgres [--people 1000000] ...
                the registry at scale: search, duplicate check, statistics, import, person page under load
            """);
        return command == "help" ? 0 : 1;
}
