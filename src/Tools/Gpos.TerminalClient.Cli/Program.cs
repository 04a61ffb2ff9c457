// Placeholder entry point; replaced by the terminal CLI.
return 0;
