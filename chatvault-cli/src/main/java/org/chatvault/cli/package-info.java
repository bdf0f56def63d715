package org.chatvault.cli;
