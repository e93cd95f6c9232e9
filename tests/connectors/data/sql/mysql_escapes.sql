-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)
/*!40101 SET NAMES utf8mb4 */;
CREATE TABLE `flags` (
  `id` int NOT NULL AUTO_INCREMENT,
  `key` varchar(10) DEFAULT NULL COMMENT 'a ''quoted'' comment',
  `bits` bit(3) DEFAULT NULL,
  `raw` blob,
  `text` text,
  PRIMARY KEY (`id`),
  UNIQUE KEY `k` (`key`),
  KEY `idx` (`text`(10))
) ENGINE=InnoDB;
DELIMITER ;;
/*!50003 CREATE*/ /*!50003 TRIGGER `t` BEFORE INSERT ON `flags` FOR EACH ROW SET NEW.text = 'x;y' */;;
DELIMITER ;
LOCK TABLES `flags` WRITE;
INSERT IGNORE INTO `flags` VALUES (1,'a\'b',b'101',_binary 'A\0B','nul\0 ctrl\Z tab\t quote\" pct\% und\_ bs\\'),(2,NULL,b'0',0x00FF,'');
UNLOCK TABLES;
