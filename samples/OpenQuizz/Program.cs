// The OpenQuizz sample: `dotnet run --project samples/OpenQuizz -- --demo` or, for the HTTP API, without --demo.
return await OpenQuizz.OpenQuizzApp.RunAsync(args, Console.Out);
