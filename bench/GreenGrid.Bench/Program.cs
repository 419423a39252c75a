using GreenGrid.Bench;

return await BenchCommand.RunAsync(args);
