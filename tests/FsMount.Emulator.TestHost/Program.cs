using FsMount.Emulator;

return await EmulatorServer.RunAsync(args, CancellationToken.None);
