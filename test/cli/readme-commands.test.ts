import { describeReadmeCommands } from "../support/readme-commands.js";

// README.md's shell commands, run as written: the blocks of shard 0 (the other shard: readme-commands-shard-1.test.ts).
describeReadmeCommands(0);
