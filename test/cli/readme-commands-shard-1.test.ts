import { describeReadmeCommands } from "../support/readme-commands.js";

// README.md's shell commands, run as written: the blocks of shard 1 (the other shard: readme-commands.test.ts).
describeReadmeCommands(1);
