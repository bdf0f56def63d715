package org.chatvault.client;
