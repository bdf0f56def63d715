package org.chatvault.server;
